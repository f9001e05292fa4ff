from pipeline_cli.cli import main

main()
