//! The lab: everything one notebook session has built, in one value.
//!
//! Commands read it (`Run::Read`) or change it (`Run::Write`); a write command runs on a
//! copy that replaces the lab only when the command succeeds, so a failing command
//! changes nothing.

use std::collections::BTreeMap;

use polars::prelude::DataFrame;

use crate::model;

/// Session settings a user can change with commands.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Rows shown of a table before "… N more rows" (like JupySQL's displaylimit).
    pub display_limit: usize,
    /// The language of cloudlab's own words (`lang ko`); AWS's words stay English.
    pub lang: crate::i18n::Lang,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { display_limit: 20, lang: crate::i18n::Lang::En }
    }
}

/// One notebook's model of AWS, plus its settings and kept result tables.
#[derive(Clone)]
pub struct Lab {
    /// The default region (`region ap-northeast-2`); AWS CLI's usual default otherwise.
    pub region: String,
    pub settings: Settings,
    pub network: model::network::Network,
    pub pricing: model::pricing::Pricebook,
    pub databases: model::database::Databases,
    pub scaling: model::scaling::Scaling,
    pub storage: model::storage::Storage,
    /// Result tables kept for `sql` (`_` is the last table shown).
    pub results: BTreeMap<String, DataFrame>,
    /// Every write command that succeeded, in order, as typed (continuations joined).
    /// Replaying it rebuilds the lab: `save`/`load` and `%%rust` cells use it.
    pub journal: Vec<String>,
}

impl Default for Lab {
    fn default() -> Self {
        Lab {
            region: "us-east-1".to_string(),
            settings: Settings::default(),
            network: Default::default(),
            pricing: Default::default(),
            databases: Default::default(),
            scaling: Default::default(),
            storage: Default::default(),
            results: BTreeMap::new(),
            journal: Vec::new(),
        }
    }
}

impl Lab {
    pub fn new() -> Lab {
        Lab::default()
    }
}
