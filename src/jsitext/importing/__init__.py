"""``jsitext import``: a consolidated text in Word brought into articles/.

One job per module: :mod:`.package` opens the .docx safely (bounded sizes, no
path in the zip that leaves it, no external entity), :mod:`.docx_read` turns it
into a neutral stream of blocks, :mod:`.embedded` reads back what jsitext's own
build embeds, :mod:`.recognise` turns blocks into the text (outline, articles,
markup) with a finding for every guess it could not make exactly, and
:mod:`.write` writes it in fmt's canonical layout, all or nothing.
:func:`.run.import_docx` ties them together (the command is a thin shell over it).
"""
