using Attune.Plugins;

// The SDK version this plugin was written for: a host refuses a plugin built for another major or a newer minor version.
[assembly: AttuneSdk(AttuneSdk.Major, AttuneSdk.Minor)]
