from whittle.cli import main

raise SystemExit(main())
