using System.Net;
using System.Net.Sockets;

namespace Masthead.Web.Hosting;

/// <summary>
/// Keeps the server's own requests to addresses someone else chose (webhook deliveries, pictures fetched for the
/// media library) off the publication's own network (SSRF): the address a request actually connects to, resolved at
/// that moment (so a name that later resolves elsewhere, DNS rebinding, changes nothing), must not be loopback,
/// private, link-local, shared (CGNAT), multicast, broadcast or unspecified, unless the operator lists its network in
/// the setting <paramref name="setting"/> names. Numeric spellings (2130706433, 0x7f000001, 127.1) and IPv4-mapped
/// IPv6 addresses are judged by the address they come to.
/// </summary>
public sealed class OutboundAddressGuard(IReadOnlyList<IPNetwork> allowed, string setting)
{
    private static readonly IPNetwork[] Internal =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    public static OutboundAddressGuard From(IEnumerable<string> allowedNetworks, string setting) =>
        new(allowedNetworks.Select(n => IPNetwork.Parse(n.Trim())).ToList(), setting);

    /// <summary>Why a request may not go to <paramref name="address"/>, or null when it may.</summary>
    public string? Refusal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (allowed.Any(n => n.Contains(address))) return null;
        return Internal.Any(n => n.Contains(address))
            ? $"{address} is an internal address; only public ones are reached (an operator can allow a network in {setting})"
            : null;
    }

    /// <summary>The handler's ConnectCallback: resolves the host, refuses internal addresses, connects to the address it checked.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (addresses.Length == 0) throw new HttpRequestException($"{host} does not resolve to any address.");
        foreach (var address in addresses)
            if (Refusal(address) is { } why) throw new HttpRequestException($"Refused: {host} resolves to {why}.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
