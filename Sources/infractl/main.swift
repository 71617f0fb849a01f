import InfraKit

CLI.main()
