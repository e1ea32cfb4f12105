from cqip.cli.app import main

main()
