from bludcli.cli.app import main

main()
