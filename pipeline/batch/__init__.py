"""The batch engine behind `council-facts extract PATHS -o OUT`: thousands of documents, in
parallel, each isolated in a worker process, resumable after a kill, into one dataset.

    inputs.py       arguments -> documents (walk, globs, @-, safety, dedupe by sha256)
    worker.py       the per-document function, and the worker process that runs it
    pool.py         our process pool: timeouts, crashes, recycling
    state.py        the output folder: lock, ledger of records, leftovers of a killed run
    tables.py       the flat tables' columns and rows
    dataset.py      the dataset files, rebuilt deterministically from the records
    progress.py     progress bar or JSON log lines
    run.py          a run, start to end, and its summary
    query.py        SQL over a dataset with DuckDB
    dask_engine.py  the same per-document function on Dask
    faults.py       fault injection for the tests
    settings.py     what a record depends on, and its key
    records.py      the records' models and JSON Schemas
"""
