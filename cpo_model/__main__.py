"""`python -m cpo_model` runs the CLI."""

from .cli import run

if __name__ == "__main__":
    run()
