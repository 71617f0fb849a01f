import Foundation
import InfraKit

exit(CLI.main())
