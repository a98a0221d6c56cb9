using Support.Ticket.Tickets;
using static Support.Ticket.Tickets.TicketStatus;

namespace Support.Ticket.Tests.Tickets;

public class TicketRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(New, Open, true)]
    [InlineData(New, Pending, true)]
    [InlineData(New, OnHold, true)]
    [InlineData(New, Solved, true)]
    [InlineData(New, Closed, false)]
    [InlineData(Open, Pending, true)]
    [InlineData(Pending, OnHold, true)]
    [InlineData(OnHold, Open, true)]
    [InlineData(Open, New, false)]
    [InlineData(Open, Closed, false)]
    [InlineData(Pending, Closed, false)]
    [InlineData(Solved, Open, true)]
    [InlineData(Solved, Closed, true)]
    [InlineData(Solved, Pending, false)]
    [InlineData(Solved, New, false)]
    [InlineData(Closed, Open, false)]
    [InlineData(Closed, Solved, false)]
    public void Status_transitions_follow_the_rules(TicketStatus from, TicketStatus to, bool allowed)
    {
        var ticket = new Support.Ticket.Tickets.Ticket { Status = from };
        Assert.Equal(allowed, ticket.ChangeStatus(to, Now));
        Assert.Equal(allowed ? to : from, ticket.Status);
    }

    [Fact]
    public void Reopening_a_solved_ticket_counts_each_reopen_and_clears_the_solve_time()
    {
        var ticket = new Support.Ticket.Tickets.Ticket { Status = Open };
        ticket.ChangeStatus(Solved, Now);
        Assert.Equal(Now, ticket.SolvedAt);

        ticket.ChangeStatus(Open, Now.AddHours(1));
        Assert.Equal(1, ticket.ReopenCount);
        Assert.Null(ticket.SolvedAt);

        ticket.ChangeStatus(Solved, Now.AddHours(2));
        ticket.ChangeStatus(Open, Now.AddHours(3));
        Assert.Equal(2, ticket.ReopenCount);
    }

    [Fact]
    public void Moving_between_open_states_is_not_a_reopen()
    {
        var ticket = new Support.Ticket.Tickets.Ticket { Status = Pending };
        ticket.ChangeStatus(Open, Now);
        Assert.Equal(0, ticket.ReopenCount);
    }

    [Fact]
    public void Only_the_first_public_agent_comment_stamps_the_first_reply()
    {
        var ticket = new Support.Ticket.Tickets.Ticket { Status = New };
        Assert.False(ticket.RecordComment(isPublic: false, AuthorType.Agent, Now));
        Assert.False(ticket.RecordComment(isPublic: true, AuthorType.Customer, Now.AddMinutes(1)));
        Assert.Null(ticket.FirstReplyAt);

        Assert.True(ticket.RecordComment(isPublic: true, AuthorType.Agent, Now.AddMinutes(5)));
        Assert.Equal(Now.AddMinutes(5), ticket.FirstReplyAt);
        Assert.Equal(Open, ticket.Status);

        Assert.False(ticket.RecordComment(isPublic: true, AuthorType.Agent, Now.AddMinutes(9)));
        Assert.Equal(Now.AddMinutes(5), ticket.FirstReplyAt);
    }

    [Fact]
    public void A_customer_reply_reopens_a_solved_ticket_and_wakes_a_pending_one()
    {
        var solved = new Support.Ticket.Tickets.Ticket { Status = Solved, SolvedAt = Now };
        solved.RecordComment(isPublic: true, AuthorType.Customer, Now.AddDays(1));
        Assert.Equal(Open, solved.Status);
        Assert.Equal(1, solved.ReopenCount);

        var pending = new Support.Ticket.Tickets.Ticket { Status = Pending };
        pending.RecordComment(isPublic: true, AuthorType.Customer, Now);
        Assert.Equal(Open, pending.Status);
        Assert.Equal(0, pending.ReopenCount);
    }

    [Fact]
    public void Assigning_a_new_ticket_opens_it()
    {
        var ticket = new Support.Ticket.Tickets.Ticket { Status = New };
        ticket.Assign(7, Now);
        Assert.Equal(7, ticket.AssigneeId);
        Assert.Equal(Open, ticket.Status);
    }

    [Theory]
    [InlineData(Solved, true)]
    [InlineData(Open, false)]
    [InlineData(Closed, false)]
    public void Only_a_solved_ticket_can_be_rated(TicketStatus status, bool canBeRated) =>
        Assert.Equal(canBeRated, new Support.Ticket.Tickets.Ticket { Status = status }.CanBeRated);
}
