from lapkin_audit.cli import main

main()
