//! Where an API lives. NCP's gateway (`https://ncloud.apigw.ntruss.com`) serves most APIs, but a few
//! have a host of their own (the model's `[api] host`: geolocation on `geolocation.apigw.ntruss.com`).
//! The API's own host is used only when the client's endpoint is NCP's gateway, on the same site
//! (`ncloud.apigw.gov-ntruss.com` gives `geolocation.apigw.gov-ntruss.com`); any other endpoint (the
//! emulator, a proxy of the user's) serves every API and is used as given.

use crate::catalog::Api;

/// The origin (`scheme://host[:port]`, no trailing slash) a call of `api` goes to.
pub fn origin(endpoint: &str, api: &Api) -> String {
    let endpoint = endpoint.trim_end_matches('/');
    let Some(own) = api.host else {
        return endpoint.to_string();
    };
    let Some(rest) = endpoint.strip_prefix("https://") else {
        return endpoint.to_string();
    };
    let (host, port) = rest.split_once(':').map_or((rest, None), |(h, p)| (h, Some(p)));
    let (Some(site), Some((service, _))) = (host.strip_prefix("ncloud.apigw."), own.split_once('.')) else {
        return endpoint.to_string();
    };
    match port {
        Some(p) => format!("https://{service}.apigw.{site}:{p}"),
        None => format!("https://{service}.apigw.{site}"),
    }
}

#[cfg(test)]
mod tests {
    use super::origin;
    use crate::catalog::generated::{API_GEOLOCATION, API_SERVER};

    #[test]
    fn an_api_of_its_own_host_goes_there_only_from_ncps_gateway() {
        let gw = "https://ncloud.apigw.ntruss.com";
        assert_eq!(origin(gw, &API_GEOLOCATION), "https://geolocation.apigw.ntruss.com");
        assert_eq!(
            origin("https://ncloud.apigw.ntruss.com/", &API_GEOLOCATION),
            "https://geolocation.apigw.ntruss.com"
        );
        assert_eq!(
            origin("https://ncloud.apigw.gov-ntruss.com", &API_GEOLOCATION),
            "https://geolocation.apigw.gov-ntruss.com"
        );
        assert_eq!(origin(gw, &API_SERVER), gw);
        // The emulator, or any other endpoint, serves every API.
        for other in [
            "http://127.0.0.1:8080",
            "https://proxy.example.com",
            "http://ncloud.apigw.ntruss.com",
        ] {
            assert_eq!(origin(other, &API_GEOLOCATION), other);
        }
    }
}
