using Attune.Plugins;

// The SDK version this plugin was written for, baked in at compile time: a host refuses a plugin built for another
// major version or a newer minor version, with a load error admins can read, instead of failing later on a missing member.
[assembly: AttuneSdk(AttuneSdk.Major, AttuneSdk.Minor)]
