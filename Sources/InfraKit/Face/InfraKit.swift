// The public face of the library: the layers of DESIGN.md ("Architecture"), re-exported for the
// `infractl` executable, which imports only this module. Behaviour lives in the layers.
@_exported import InfraJSON
@_exported import InfraModel
@_exported import InfraTopology
@_exported import InfraRules
@_exported import InfraOutput
@_exported import InfraImport
@_exported import InfraCLI
