namespace Support.Time;

/// <summary>A business schedule as far as choosing a ticket's calendar goes: the groups it times, whether it is the default, its calendar.</summary>
public interface IBusinessSchedule
{
    IReadOnlyList<int> Groups { get; }
    bool IsDefault { get; }
    BusinessCalendar Calendar();
}
