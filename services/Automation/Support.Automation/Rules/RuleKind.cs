namespace Support.Automation.Rules;

/// <summary>What a rule is, which decides what it may say: triggers read the change, automations the time, macros only act.</summary>
public enum RuleKind { Trigger, Automation, Macro }
