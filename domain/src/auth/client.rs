//! Which client a request comes from, as throttles and the session list see it.
//!
//! Behind a reverse proxy every request comes from the proxy, so the client is read from
//! `X-Forwarded-For`, but only when the peer is a proxy the administrator listed: anyone else
//! could write any address there. An IPv6 client is its /64, the network one subscriber gets,
//! or a single machine could take a fresh address for every guess.

use ipnet::IpNet;
use std::net::IpAddr;

/// The proxies whose `X-Forwarded-For` is believed (`--trusted-proxy`).
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// From addresses or networks (`10.0.0.1`, `10.0.0.0/8`, `::1`).
    pub fn parse(list: &[String]) -> Result<TrustedProxies, String> {
        list.iter()
            .map(|item| {
                let item = item.trim();
                item.parse::<IpNet>()
                    .or_else(|_| item.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("not an address or a network: {item}"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(TrustedProxies)
    }

    /// An IPv4 proxy reaching a server bound to `[::]` comes as `::ffff:a.b.c.d`: the same.
    pub fn trusts(&self, ip: IpAddr) -> bool {
        let ip = ip.to_canonical();
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client's address: the peer, or, when the peer is a trusted proxy, the nearest
    /// address in `X-Forwarded-For` (read from the right) that is not one of them.
    pub fn client_ip(&self, peer: IpAddr, forwarded_for: Option<&str>) -> IpAddr {
        if !self.trusts(peer) {
            return peer;
        }
        let hops = forwarded_for.unwrap_or_default().rsplit(',');
        for hop in hops {
            match hop.trim().parse::<IpAddr>() {
                Ok(ip) if self.trusts(ip) => continue,
                Ok(ip) => return ip.to_canonical(),
                // A hop we cannot read: what comes before it cannot be believed either.
                Err(_) => break,
            }
        }
        peer
    }
}

/// The client as throttles count it: an IPv4 address, or an IPv6 /64.
pub fn client_key(ip: IpAddr) -> String {
    match ip.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn ipv6_clients_are_counted_per_64_and_mapped_ipv4_as_ipv4() {
        assert_eq!(
            client_key(ip("2001:db8:1:2:aaaa::1")),
            client_key(ip("2001:db8:1:2:bbbb::9"))
        );
        assert_ne!(
            client_key(ip("2001:db8:1:2::1")),
            client_key(ip("2001:db8:1:3::1"))
        );
        assert_eq!(client_key(ip("::ffff:192.0.2.7")), "192.0.2.7");
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let trusted = TrustedProxies::parse(&["10.0.0.0/8".to_owned(), "::1".to_owned()]).unwrap();
        let chain = Some("198.51.100.9, 203.0.113.5, 10.0.0.2");
        // From a trusted proxy: the nearest untrusted hop.
        assert_eq!(trusted.client_ip(ip("10.0.0.1"), chain), ip("203.0.113.5"));
        assert_eq!(
            trusted.client_ip(ip("::1"), Some("203.0.113.5")),
            ip("203.0.113.5")
        );
        // From anyone else, the header is theirs to write: the peer is the client.
        assert_eq!(trusted.client_ip(ip("192.0.2.1"), chain), ip("192.0.2.1"));
        assert_eq!(
            TrustedProxies::default().client_ip(ip("10.0.0.1"), chain),
            ip("10.0.0.1")
        );
        assert_eq!(
            trusted.client_ip(ip("::ffff:10.0.0.1"), chain),
            ip("203.0.113.5")
        );
        // No header, or one that cannot be read: the proxy itself.
        assert_eq!(trusted.client_ip(ip("10.0.0.1"), None), ip("10.0.0.1"));
        assert_eq!(
            trusted.client_ip(ip("10.0.0.1"), Some("junk")),
            ip("10.0.0.1")
        );
        assert!(TrustedProxies::parse(&["nowhere".to_owned()]).is_err());
    }
}
