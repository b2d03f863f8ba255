from parkgraph.cli import main

main()
