//! The client's address: from the connection, and from `X-Forwarded-For` only through
//! proxies the server was told to trust.

use core::fmt;
use std::net::IpAddr;

use http::HeaderMap;

/// The proxies whose `X-Forwarded-For` entries are believed; empty by default, so that the
/// header is ignored and the connection's peer is the client.
///
/// With proxies configured, the client is the right-most address in `X-Forwarded-For` that is
/// not a trusted proxy, found by walking back from the connection's peer; entries further
/// left were written by the client itself and are never used.
///
/// An IPv4 address mapped into IPv6 (`::ffff:10.0.0.2`, as a dual-stack socket reports IPv4
/// peers) is the IPv4 address it maps, both when it is compared with the trusted networks
/// and when it is returned.
///
/// ```
/// use std::net::IpAddr;
///
/// use http::HeaderMap;
/// use secure::http::TrustedProxies;
///
/// let mut headers = HeaderMap::new();
/// headers.insert("x-forwarded-for", "6.6.6.6, 203.0.113.9".parse().unwrap());
/// let peer: IpAddr = "10.0.0.2".parse().unwrap();
///
/// // Nobody trusted: the header is ignored.
/// assert_eq!(TrustedProxies::none().client_ip(peer, &headers), peer);
/// // The load balancer is trusted: the client is the address it saw.
/// let proxies = TrustedProxies::none().with_network("10.0.0.0/8")?;
/// assert_eq!(proxies.client_ip(peer, &headers), "203.0.113.9".parse::<IpAddr>()?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies {
    networks: Vec<(IpAddr, u8)>,
}

impl TrustedProxies {
    /// No trusted proxy: `X-Forwarded-For` is ignored.
    pub fn none() -> Self {
        TrustedProxies::default()
    }

    /// Trusts one proxy address.
    pub fn with_proxy(mut self, address: IpAddr) -> Self {
        let address = address.to_canonical();
        let bits = if address.is_ipv4() { 32 } else { 128 };
        self.networks.push((address, bits));
        self
    }

    /// Trusts a network in CIDR notation, such as `10.0.0.0/8` or `fd00::/8`.
    ///
    /// # Errors
    ///
    /// [`InvalidNetwork`] for text that is not an address with a prefix length.
    pub fn with_network(mut self, cidr: &str) -> Result<Self, InvalidNetwork> {
        let (address, bits) = cidr.split_once('/').ok_or(InvalidNetwork)?;
        let address: IpAddr = address.parse().map_err(|_| InvalidNetwork)?;
        let bits: u8 = bits.parse().map_err(|_| InvalidNetwork)?;
        let max = if address.is_ipv4() { 32 } else { 128 };
        if bits > max {
            return Err(InvalidNetwork);
        }
        // `::ffff:10.0.0.0/104` is `10.0.0.0/8`, which is how its addresses are compared.
        let network = match address.to_canonical() {
            IpAddr::V4(mapped) if address.is_ipv6() && bits >= 96 => {
                (IpAddr::V4(mapped), bits - 96)
            }
            _ => (address, bits),
        };
        self.networks.push(network);
        Ok(self)
    }

    /// Whether `address` is a trusted proxy.
    pub fn trusts(&self, address: IpAddr) -> bool {
        let address = address.to_canonical();
        self.networks
            .iter()
            .any(|(network, bits)| in_network(address, *network, *bits))
    }

    /// The client's address, given the connection's `peer`.
    pub fn client_ip(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.trusts(peer) {
            return peer;
        }
        let mut client = peer;
        let entries = headers
            .get_all("x-forwarded-for")
            .iter()
            .rev()
            .flat_map(|value| {
                let text = value.to_str().unwrap_or("");
                text.rsplit(',').map(str::trim).collect::<Vec<_>>()
            });
        for entry in entries {
            match entry
                .parse::<IpAddr>()
                .map(|address| address.to_canonical())
            {
                Ok(address) if self.trusts(address) => client = address,
                Ok(address) => return address,
                Err(_) => return client,
            }
        }
        client
    }
}

fn in_network(address: IpAddr, network: IpAddr, bits: u8) -> bool {
    match (address, network) {
        (IpAddr::V4(address), IpAddr::V4(network)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(bits)).unwrap_or(0);
            u32::from(address) & mask == u32::from(network) & mask
        }
        (IpAddr::V6(address), IpAddr::V6(network)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(bits)).unwrap_or(0);
            u128::from(address) & mask == u128::from(network) & mask
        }
        _ => false,
    }
}

/// A trusted network that is not written as `address/prefix-length`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidNetwork;

impl fmt::Display for InvalidNetwork {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a trusted network must be written as `address/prefix-length`")
    }
}

impl std::error::Error for InvalidNetwork {}

#[cfg(test)]
mod tests {
    use super::*;

    fn xff(values: &[&'static str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append("x-forwarded-for", value.parse().unwrap());
        }
        headers
    }

    #[test]
    fn forwarded_addresses_are_believed_only_from_trusted_hops() {
        let proxies = TrustedProxies::none()
            .with_network("10.0.0.0/8")
            .unwrap()
            .with_proxy("192.0.2.1".parse().unwrap());
        let peer: IpAddr = "10.1.1.1".parse().unwrap();
        let through_two_proxies = xff(&["1.1.1.1, 192.0.2.1", "10.9.9.9"]);
        assert_eq!(
            proxies.client_ip(peer, &through_two_proxies),
            "1.1.1.1".parse::<IpAddr>().unwrap()
        );
        let chain = xff(&["1.1.1.1, 198.51.100.7, 192.0.2.1"]);
        assert_eq!(
            proxies.client_ip(peer, &chain),
            "198.51.100.7".parse::<IpAddr>().unwrap()
        );
        let outsider: IpAddr = "203.0.113.5".parse().unwrap();
        assert_eq!(proxies.client_ip(outsider, &chain), outsider);
        let garbage = xff(&["not-an-ip"]);
        assert_eq!(proxies.client_ip(peer, &garbage), peer);
    }

    #[test]
    fn ipv4_mapped_addresses_are_ipv4_everywhere() {
        let proxies = TrustedProxies::none().with_network("10.0.0.0/8").unwrap();
        let mapped_peer: IpAddr = "::ffff:10.1.1.1".parse().unwrap();
        assert!(proxies.trusts(mapped_peer));
        let headers = xff(&["::ffff:203.0.113.9"]);
        assert_eq!(
            proxies.client_ip(mapped_peer, &headers),
            "203.0.113.9".parse::<IpAddr>().unwrap()
        );
        let untrusted: IpAddr = "::ffff:198.51.100.1".parse().unwrap();
        assert_eq!(
            proxies.client_ip(untrusted, &headers),
            "198.51.100.1".parse::<IpAddr>().unwrap()
        );

        let mapped_network = TrustedProxies::none()
            .with_network("::ffff:10.0.0.0/104")
            .unwrap();
        assert!(mapped_network.trusts("10.200.0.1".parse().unwrap()));
        assert!(!mapped_network.trusts("11.0.0.1".parse().unwrap()));
        let mapped_proxy = TrustedProxies::none().with_proxy("::ffff:192.0.2.1".parse().unwrap());
        assert!(mapped_proxy.trusts("192.0.2.1".parse().unwrap()));
    }

    #[test]
    fn networks_are_checked() {
        assert!(TrustedProxies::none().with_network("10.0.0.0").is_err());
        assert!(TrustedProxies::none().with_network("10.0.0.0/33").is_err());
        let v6 = TrustedProxies::none().with_network("fd00::/8").unwrap();
        assert!(v6.trusts("fd12::1".parse().unwrap()));
        assert!(!v6.trusts("10.0.0.1".parse().unwrap()));
    }
}
