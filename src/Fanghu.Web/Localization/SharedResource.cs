namespace Fanghu.Web;

/// <summary>
/// Marker type for Resources/SharedResource.resx (Simplified Chinese, the default) and SharedResource.en.resx.
/// It sits in the root namespace so that its resource name is Fanghu.Web.Resources.SharedResource.
/// </summary>
public sealed class SharedResource;
