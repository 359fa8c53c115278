namespace Attune.LmsAdapters.Canvas;

/// <summary>A Live Events body failed verification; the receiver answers 401 and stores nothing.</summary>
public sealed class CanvasLiveEventSignatureException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CanvasLiveEventSignatureException(CanvasSignatureFailure failure, string message)
        : base(message) => Failure = failure;

    /// <summary>Why it was refused.</summary>
    public CanvasSignatureFailure Failure { get; }
}
