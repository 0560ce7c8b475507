import sys

if len(sys.argv) > 1 and sys.argv[1] in ("new", "discover"):
    if sys.argv[1] == "new":
        from .new import main
    else:
        from .discover import main
    sys.exit(main(sys.argv[2:]))

from .generate import main  # noqa: E402

sys.exit(main())
