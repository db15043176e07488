namespace MediBloc.Samples.TrialRecruitment;

/// <summary>What the story observed.</summary>
/// <param name="StudyId">The posted study's id.</param>
/// <param name="Eligible">How many of the three patients their devices found eligible.</param>
/// <param name="InterestedCount">The anonymous interest count the researcher read before any enrolment.</param>
/// <param name="EnrolledBeforeEnrolment">Enrolments the researcher could list before a patient enrolled (0: counts only).</param>
/// <param name="EnrolledCount">The enrolled count after one patient enrolled.</param>
/// <param name="SubjectStatus">The status of the ResearchSubject the researcher read.</param>
/// <param name="SharedRecordsRead">How many shared records the researcher opened.</param>
/// <param name="EnrolledAfterWithdrawal">The enrolled count after the withdrawal.</param>
/// <param name="ReadRefusedAfterWithdrawal">Whether the researcher's read was refused after the withdrawal.</param>
public sealed record TrialRecruitmentResult(
    string StudyId,
    int Eligible,
    int InterestedCount,
    int EnrolledBeforeEnrolment,
    int EnrolledCount,
    string SubjectStatus,
    int SharedRecordsRead,
    int EnrolledAfterWithdrawal,
    bool ReadRefusedAfterWithdrawal)
{
    /// <summary>Whether every step came out as the story says it should.</summary>
    public bool Verified =>
        Eligible == 2 && InterestedCount == 2 && EnrolledBeforeEnrolment == 0 && EnrolledCount == 1
        && SubjectStatus == "on-study" && SharedRecordsRead > 0 && EnrolledAfterWithdrawal == 0 && ReadRefusedAfterWithdrawal;
}
