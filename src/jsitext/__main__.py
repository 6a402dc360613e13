from jsitext.cli import run

if __name__ == "__main__":  # not when a PDF layout's process (spawned) imports it
    run()
