"""``jsitext import``: a consolidated text in Word brought into articles/.

One job per module: :mod:`.package` opens the .docx safely (bounded sizes, no
path in the zip that leaves it, no external entity), :mod:`.docx_read` turns it
into a neutral stream of blocks, :mod:`.embedded` checks what jsitext's own
build embeds against what the page shows, :mod:`.recognise` walks the blocks into
the outline and articles (:mod:`.cover`, :mod:`.outline` and :mod:`.paragraphs`
say what a line is; :mod:`.inline` and :mod:`.attributions` read the text and who
proposes it; :mod:`.articles` writes each article, reporting every guess it could
not make exactly, :mod:`.findings`), and :mod:`.write` writes the text in fmt's
canonical layout, all or nothing.  :func:`.run.import_docx` ties them together
(the command is a thin shell over it).
"""
