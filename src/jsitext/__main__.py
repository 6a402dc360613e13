from jsitext.cli import run

run()
