from accord_cli.cli import main

main()
