namespace Support.Contracts.Customers;

/// <summary>What erased text reads afterwards, in every service.</summary>
public static class ErasedText
{
    public const string Marker = "[erased]";
}
