//! The merge rules of the Compose Specification, each on inputs written from its description.

use super::*;
use crate::yaml::{Limits, parse_one};

fn merged(a: &str, b: &str) -> serde_json::Value {
    let mut base = parse_one(a, "a.yaml", Limits::default()).unwrap().unwrap();
    strip_tags(&mut base);
    let over = parse_one(b, "b.yaml", Limits::default()).unwrap().unwrap();
    let mut out = merge(base, over, &mut Vec::new()).unwrap();
    strip_tags(&mut out);
    crate::yaml::de::from_node(&out).unwrap()
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap()
}

#[test]
fn mappings_merge_key_by_key() {
    let v = merged(
        "services:\n  foo:\n    key1: value1\n    key2: value2\n",
        "services:\n  foo:\n    key2: VALUE\n    key3: value3\n",
    );
    assert_eq!(
        v,
        json(r#"{"services":{"foo":{"key1":"value1","key2":"VALUE","key3":"value3"}}}"#)
    );
}

#[test]
fn sequences_append() {
    let v = merged(
        "services:\n  foo:\n    DNS: [1.1.1.1]\n",
        "services:\n  foo:\n    DNS: [8.8.8.8]\n",
    );
    assert_eq!(v["services"]["foo"]["DNS"], json(r#"["1.1.1.1","8.8.8.8"]"#));
}

#[test]
fn commands_are_replaced() {
    for key in ["command", "entrypoint"] {
        let v = merged(
            &format!("services:\n  foo:\n    {key}: [echo, foo]\n"),
            &format!("services:\n  foo:\n    {key}: [echo, bar]\n"),
        );
        assert_eq!(v["services"]["foo"][key], json(r#"["echo","bar"]"#));
    }
    let v = merged(
        "services:\n  foo:\n    healthcheck: {test: [CMD, a], retries: 3}\n",
        "services:\n  foo:\n    healthcheck: {test: [CMD, b]}\n",
    );
    assert_eq!(
        v["services"]["foo"]["healthcheck"],
        json(r#"{"test":["CMD","b"],"retries":3}"#)
    );
}

#[test]
fn unique_resources_merge_by_key() {
    let v = merged(
        "services:\n  foo:\n    volumes: [foo:/work]\n",
        "services:\n  foo:\n    volumes: [bar:/work]\n",
    );
    assert_eq!(v["services"]["foo"]["volumes"], json(r#"["bar:/work"]"#));
    // Long syntax entries with the same target merge field by field.
    let v = merged(
        "services:\n  foo:\n    volumes:\n      - {type: volume, source: a, target: /w}\n      - /keep\n",
        "services:\n  foo:\n    volumes:\n      - {target: /w, read_only: true}\n      - other:/new\n",
    );
    assert_eq!(
        v["services"]["foo"]["volumes"],
        json(r#"[{"type":"volume","source":"a","target":"/w","read_only":true},"/keep","other:/new"]"#)
    );
    let v = merged(
        "services:\n  foo:\n    ports: [\"8080:80\", \"127.0.0.1:9000:9000\"]\n",
        "services:\n  foo:\n    ports: [\"8080:80\", {target: 9000, published: 9000, host_ip: 127.0.0.1}, \"81:81\"]\n",
    );
    assert_eq!(
        v["services"]["foo"]["ports"],
        json(r#"["8080:80",{"target":9000,"published":9000,"host_ip":"127.0.0.1"},"81:81"]"#)
    );
    let v = merged(
        "services:\n  foo:\n    secrets: [a, {source: b, target: /x}]\n",
        "services:\n  foo:\n    secrets: [{source: a, mode: 0400}, {source: c, target: /x}]\n",
    );
    assert_eq!(
        v["services"]["foo"]["secrets"],
        json(r#"[{"source":"a","mode":400},{"source":"c","target":"/x"}]"#)
    );
}

#[test]
fn reset_removes_and_override_replaces() {
    let v = merged(
        "services:\n  app:\n    image: myapp\n    ports: [\"8080:80\"]\n    environment:\n      FOO: BAR\n      KEEP: 1\n",
        "services:\n  app:\n    image: myapp\n    ports: !reset []\n    environment:\n      FOO: !reset null\n",
    );
    assert_eq!(
        v,
        json(r#"{"services":{"app":{"image":"myapp","environment":{"KEEP":1}}}}"#)
    );
    let v = merged(
        "services:\n  app:\n    image: myapp\n    ports: [\"8080:80\"]\n",
        "services:\n  app:\n    ports: !override [\"8443:443\"]\n",
    );
    assert_eq!(v["services"]["app"]["ports"], json(r#"["8443:443"]"#));
    // In a first file the tags leave the value out (reset) or as written (override).
    let v = merged(
        "services:\n  a:\n    dns: !reset [x]\n    tmpfs: !override [/t]\n",
        "services: {}\n",
    );
    assert_eq!(v, json(r#"{"services":{"a":{"tmpfs":["/t"]}}}"#));
}

#[test]
fn lists_or_mappings_merge_as_mappings() {
    let v = merged(
        "services:\n  a:\n    environment: [A=1, B=2, C]\n    labels: {x: 1}\n",
        "services:\n  a:\n    environment:\n      B: 3\n      D: 4\n    labels: [y=2, x=3]\n",
    );
    assert_eq!(
        v["services"]["a"]["environment"],
        json(r#"{"A":"1","B":3,"C":null,"D":4}"#)
    );
    assert_eq!(v["services"]["a"]["labels"], json(r#"{"x":"3","y":"2"}"#));
}

#[test]
fn depends_on_networks_build_and_scalar_lists() {
    let v = merged(
        "services:\n  a:\n    depends_on: [db]\n    networks: [front]\n    build: ./dir\n    dns: 1.1.1.1\n    cap_add: [NET_ADMIN]\n",
        "services:\n  a:\n    depends_on:\n      cache: {condition: service_healthy}\n    networks:\n      back: {aliases: [b]}\n    build: {dockerfile: Other}\n    dns: [1.1.1.1, 8.8.8.8]\n    cap_add: [NET_ADMIN, SYS_TIME]\n",
    );
    let a = &v["services"]["a"];
    assert_eq!(
        a["depends_on"],
        json(r#"{"db":{"condition":"service_started","required":true},"cache":{"condition":"service_healthy"}}"#)
    );
    assert_eq!(a["networks"], json(r#"{"front":null,"back":{"aliases":["b"]}}"#));
    assert_eq!(a["build"], json(r#"{"context":"./dir","dockerfile":"Other"}"#));
    assert_eq!(a["dns"], json(r#"["1.1.1.1","8.8.8.8"]"#));
    assert_eq!(a["cap_add"], json(r#"["NET_ADMIN","SYS_TIME"]"#));
}

#[test]
fn logging_merges_only_with_the_same_driver() {
    let same = merged(
        "services:\n  a:\n    logging: {driver: json-file, options: {max-size: 1m}}\n",
        "services:\n  a:\n    logging: {options: {max-file: 3}}\n",
    );
    assert_eq!(
        same["services"]["a"]["logging"],
        json(r#"{"driver":"json-file","options":{"max-size":"1m","max-file":3}}"#)
    );
    let other = merged(
        "services:\n  a:\n    logging: {driver: json-file, options: {max-size: 1m}}\n",
        "services:\n  a:\n    logging: {driver: none}\n",
    );
    assert_eq!(other["services"]["a"]["logging"], json(r#"{"driver":"none"}"#));
}

#[test]
fn ipam_pools_merge_by_subnet() {
    let v = merged(
        "networks:\n  n:\n    ipam:\n      config: [{subnet: 10.1.0.0/24, gateway: 10.1.0.1}]\n",
        "networks:\n  n:\n    ipam:\n      config: [{subnet: 10.1.0.0/24, gateway: 10.1.0.254}, {subnet: 10.2.0.0/24}]\n",
    );
    assert_eq!(
        v["networks"]["n"]["ipam"]["config"],
        json(r#"[{"subnet":"10.1.0.0/24","gateway":"10.1.0.254"},{"subnet":"10.2.0.0/24"}]"#)
    );
}

#[test]
fn a_mapping_cannot_become_a_scalar() {
    let base = parse_one(
        "services:\n  a:\n    deploy: {replicas: 2}\n",
        "a.yaml",
        Limits::default(),
    )
    .unwrap()
    .unwrap();
    let over = parse_one("services:\n  a:\n    deploy: two\n", "b.yaml", Limits::default())
        .unwrap()
        .unwrap();
    let e = merge(base, over, &mut Vec::new()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "b.yaml:3: services.a.deploy: cannot merge a scalar into a mapping"
    );
}
