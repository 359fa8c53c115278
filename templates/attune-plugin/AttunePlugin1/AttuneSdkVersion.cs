using Attune.Plugins;

// The SDK version this plugin is built for: a host refuses another major version or a newer minor version with a
// load error, instead of failing later on a missing member.
[assembly: AttuneSdk(AttuneSdk.Major, AttuneSdk.Minor)]
