import sys

if len(sys.argv) > 1 and sys.argv[1] in ("new", "discover", "export"):
    if sys.argv[1] == "new":
        from .new import main
    elif sys.argv[1] == "discover":
        from .discover import main
    else:
        from .export import main
    sys.exit(main(sys.argv[2:]))

from .generate import main  # noqa: E402

sys.exit(main())
