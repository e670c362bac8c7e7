//! NCP's three sites: the public one, the government one (공공기관용) and the financial one (금융),
//! each with gateways, regions and a reference of its own. Each API's host on each site is declared
//! with the API in the model (`model/*.toml`, `[api] hosts`); what belongs to a site as a whole is here.
//! The build reads this file too (`build.rs`), so that the model's `hosts` tables name these sites.
//!
//! Sources: NCP's references api.ncloud-docs.com, api-gov.ncloud-docs.com and api-fin.ncloud-docs.com
//! (the hosts in their request examples), NaverCloudPlatform/terraform-provider-ncloud (`site`: public,
//! gov, fin; NCLOUD_SITE). The financial site's region `FKR` is what calls to its gateway name
//! (`regionCode=FKR`) and what its reference lists (`Korea(finance)`); the government site's first
//! region is `KR` (its second, `KRS`, is in `fixtures/sites.json`, which the emulator plays).

/// One of NCP's sites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Site {
    Public,
    Gov,
    Fin,
}

/// Every site, in the order the model's `hosts` tables are kept in (`Site::index`).
pub const SITES: [Site; 3] = [Site::Public, Site::Gov, Site::Fin];

impl Site {
    /// Its name in options (`site: 'gov'`), NCLOUD_SITE and the model's `hosts` tables.
    pub const fn name(self) -> &'static str {
        match self {
            Site::Public => "public",
            Site::Gov => "gov",
            Site::Fin => "fin",
        }
    }

    /// Its position in [`SITES`] (and in an API's `hosts`).
    pub const fn index(self) -> usize {
        match self {
            Site::Public => 0,
            Site::Gov => 1,
            Site::Fin => 2,
        }
    }

    pub fn parse(name: &str) -> Option<Site> {
        SITES.into_iter().find(|s| s.name() == name)
    }

    /// How messages name it.
    pub const fn title(self) -> &'static str {
        match self {
            Site::Public => "NCP's public site",
            Site::Gov => "NCP's government site",
            Site::Fin => "NCP's financial site",
        }
    }

    /// The host of its API reference (`https://{docs_host}/docs/{an API's docs page}`).
    pub const fn docs_host(self) -> &'static str {
        match self {
            Site::Public => "api.ncloud-docs.com",
            Site::Gov => "api-gov.ncloud-docs.com",
            Site::Fin => "api-fin.ncloud-docs.com",
        }
    }

    /// The VPC `regionCode` a client sends when neither the call, the `region` option nor
    /// NCLOUD_REGION gives one: the site's first region.
    pub const fn default_region(self) -> &'static str {
        match self {
            Site::Public | Site::Gov => "KR",
            Site::Fin => "FKR",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back_and_index_the_table() {
        for (i, s) in SITES.into_iter().enumerate() {
            assert_eq!(Site::parse(s.name()), Some(s));
            assert_eq!(s.index(), i);
        }
        assert_eq!(Site::parse("government"), None);
    }
}
