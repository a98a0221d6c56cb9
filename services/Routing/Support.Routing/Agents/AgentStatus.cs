namespace Support.Routing.Agents;

public enum AgentStatus { Online, Away, Offline }
