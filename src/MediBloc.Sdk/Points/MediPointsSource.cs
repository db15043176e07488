namespace MediBloc.Sdk.Points;

/// <summary>Why a lot of MediPoints was minted.</summary>
public enum MediPointsSource
{
    /// <summary>A reason this version of the SDK does not know.</summary>
    Other = -1,

    /// <summary>The reward for creating a record.</summary>
    RecordReward = 0,

    /// <summary>Bought with MED.</summary>
    Purchase = 1,
}
