"""Tooling beside the product: scoring against gold files, the accuracy report and its baselines,
the benchmark, the unseen splits. Imports run one way: devtools may import the product
(`pipeline.*`); nothing on the product path imports devtools (a test checks), and the command line
reaches `eval` and `bench` only by name, when they are called."""
