"""A worker process's start (pipeline/batch/worker.py main): it says it is ready having imported
spaCy without spaCy's command line, and with the garbage collector on again, the start's objects
frozen out of its way."""

from __future__ import annotations

from tests.batch.fresh import run_fresh


def test_a_started_worker_collects_garbage_and_skipped_spacys_command_line() -> None:
    result = run_fresh("""
        import gc, io, json, os, sys
        from pipeline.batch import worker
        from pipeline.batch.settings import Settings
        answers, channel = os.pipe()
        sys.stdin = io.TextIOWrapper(io.BytesIO(b""))  # no tasks: the worker starts and exits
        config = {"settings": Settings().to_json(), "max_memory": 2**40, "parent": os.getppid()}
        status = worker.main([json.dumps(config), str(channel)])
        print(json.dumps({"status": status, "ready": json.loads(os.read(answers, 1000)),
                          "collecting": gc.isenabled(), "frozen": gc.get_freeze_count(),
                          "spacy": "spacy" in sys.modules, "spacy_cli": "spacy.cli" in sys.modules}))
    """)
    assert result["status"] == 0
    assert "ready" in result["ready"]
    assert result["collecting"] is True
    assert result["frozen"] > 10_000
    assert result["spacy"] is True and result["spacy_cli"] is False
