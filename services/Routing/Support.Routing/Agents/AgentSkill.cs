namespace Support.Routing.Agents;

public class AgentSkill
{
    public string Name { get; set; } = "";
    public int Level { get; set; }
}
