namespace MediBloc.Sdk.Contracts.MediPoints;

/// <summary>Why MediPoints were minted (<c>PointsMinted.reason</c>).</summary>
public enum MediPointsSource
{
    /// <summary>A reason this version of the SDK does not know.</summary>
    Other = -1,

    /// <summary>The reward of a record a provider wrote into a patient's record (to its author).</summary>
    RecordReward = 0,

    /// <summary>Bought with MED.</summary>
    Purchase = 1,
}
