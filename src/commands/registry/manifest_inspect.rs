//! `ferry manifest inspect`: a registry's manifest or image index, printed without pulling.

use anyhow::Result;
use serde::Serialize;

use crate::cli::ManifestInspectArgs;
use crate::commands::{Context, ExitStatus, client_options};
use crate::config::registries::RegistriesConf;
use crate::engine::registry;

pub fn exec(ctx: &mut Context, args: ManifestInspectArgs) -> Result<ExitStatus> {
    let client = client_options(&args.registry, ctx.engine.host.uid)?;
    let registries = RegistriesConf::load()?;
    let value = registry::manifest_inspect(&args.reference, &client, &registries)?;
    println!("{}", pretty(&value));
    Ok(ExitStatus::SUCCESS)
}

/// JSON indented by four spaces, keys in the registry's order, as Podman prints it.
fn pretty(value: &serde_json::Value) -> String {
    let mut out = Vec::new();
    let mut ser =
        serde_json::Serializer::with_formatter(&mut out, serde_json::ser::PrettyFormatter::with_indent(b"    "));
    value.serialize(&mut ser).expect("a JSON value serializes into memory");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_key_order_and_indents_by_four() {
        let v: serde_json::Value = serde_json::from_str(r#"{"z":1,"a":{"m":[1,2]}}"#).unwrap();
        assert_eq!(
            pretty(&v),
            "{\n    \"z\": 1,\n    \"a\": {\n        \"m\": [\n            1,\n            2\n        ]\n    }\n}"
        );
    }
}
