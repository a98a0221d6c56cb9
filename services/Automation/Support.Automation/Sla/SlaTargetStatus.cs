namespace Support.Automation.Sla;

// Written as text by EnumText: "active", "paused", "achieved", "breached", "cancelled".
public enum SlaTargetStatus { Active, Paused, Achieved, Breached, Cancelled }
