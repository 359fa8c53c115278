namespace Attune.LmsAdapters.Canvas;

/// <summary>The format a Live Events subscription delivers in (Canvas Data Services lets an admin choose).</summary>
public enum CanvasLiveEventFormat
{
    /// <summary>Neither format could be recognised.</summary>
    Unknown,
    /// <summary>Canvas's raw format: <c>{"metadata": {…}, "body": {…}}</c>.</summary>
    Canvas,
    /// <summary>IMS Caliper 1.1: an envelope with one event in <c>data[]</c>.</summary>
    Caliper,
}
