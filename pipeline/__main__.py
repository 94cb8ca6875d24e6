from pipeline.cli import main

if __name__ == "__main__":  # a spawned child process (Dask) imports this module again
    main()
