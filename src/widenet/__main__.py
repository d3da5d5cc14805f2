"""Allow ``python -m widenet``."""

from widenet.cli.app import main

if __name__ == "__main__":
    main()
