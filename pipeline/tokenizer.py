"""spaCy's tokenizer with a cache that lasts the whole document.

spaCy's tokenizer splits a text at whitespace and caches how each whitespace-delimited chunk
splits further. But the flag that stops it caching a chunk holding a special case ("Mr.",
"'s") is set for the rest of the text once any special case has been met, so after a report's
first "Mr." every chunk is split again by the prefix, suffix and infix expressions: about 70%
of the pipeline's tokenizing time on the Kent reports. Here each chunk is handed to spaCy's
own tokenizer alone and its split remembered, so the tokens are spaCy's, chunk for chunk.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc
from spacy.vocab import Vocab

# A chunk, and the one space spaCy folds into the token before it; or a run of other
# whitespace, which spaCy keeps as a token of its own.
_CHUNK = re.compile(r"(\S+)( ?)|(\s+)")
# Chunks remembered before the cache starts again: a worker reads many documents, and a
# budget book's figures are mostly chunks seen once.
MAX_CACHED = 200_000


class ChunkCachedTokenizer:
    """Gives the same Doc as the tokenizer it wraps (the tests compare them token for token)."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        self.vocab: Vocab = tokenizer.vocab
        self._splits: dict[str, tuple[list[str], list[bool]]] = {}

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        splits, tokenize = self._splits, self.tokenizer
        if len(splits) > MAX_CACHED:
            splits.clear()
        for word, space, gap in _CHUNK.findall(text):
            chunk = word or gap
            split = splits.get(chunk)
            if split is None:
                tokens = [token.text for token in tokenize(chunk)]
                split = splits[chunk] = (tokens, [False] * len(tokens))
            words += split[0]
            spaces += split[1]
            if space:
                spaces[-1] = True
        return Doc(self.vocab, words=words, spaces=spaces)
