from accord_cli.entry import main

main()
