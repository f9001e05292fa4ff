from pipeline_cli.cli.app import main

main()
