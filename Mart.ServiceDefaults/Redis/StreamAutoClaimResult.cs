namespace Mart.ServiceDefaults.Redis;

/// <summary>The reply of XAUTOCLAIM.</summary>
/// <param name="NextStartId">Where the next scan starts; "0-0" once the whole pending list was scanned.</param>
/// <param name="Claimed">Entries now owned by the claiming consumer.</param>
/// <param name="DeletedIds">Pending ids whose data no longer exists; Redis removed them from the pending list.</param>
public sealed record StreamAutoClaimResult(string NextStartId, IReadOnlyList<StreamEntry> Claimed, IReadOnlyList<string> DeletedIds);
