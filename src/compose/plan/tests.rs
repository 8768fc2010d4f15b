use super::*;
use crate::compose::tests::Dir;

fn project(text: &str) -> Project {
    Dir::new(&[("compose.yaml", text)]).load().unwrap().project
}

const STACK: &str = "name: shop\nservices:\n  web:\n    image: web\n    depends_on: [api, cache]\n  api:\n    image: api\n    depends_on:\n      db: {condition: service_healthy}\n  db:\n    image: db\n  cache:\n    image: cache\n  worker:\n    image: w\n    depends_on: [db]\n    scale: 3\n";

#[test]
fn order_and_waves() {
    let p = project(STACK);
    assert_eq!(
        start_levels(&p).unwrap(),
        [vec!["cache", "db"], vec!["api", "worker"], vec!["web"]]
    );
    assert_eq!(start_order(&p).unwrap(), ["cache", "db", "api", "worker", "web"]);
    assert_eq!(stop_order(&p).unwrap(), ["web", "worker", "api", "db", "cache"]);
}

#[test]
fn services_to_start_follows_dependencies_unless_no_deps() {
    let p = project(STACK);
    let up = |names: &[&str], no_deps| {
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        services_to_start(&p, &names, no_deps).unwrap()
    };
    assert_eq!(up(&[], false), ["cache", "db", "api", "worker", "web"]);
    assert_eq!(up(&["web"], false), ["cache", "db", "api", "web"]);
    assert_eq!(up(&["web"], true), ["web"]);
    assert_eq!(up(&["worker", "cache"], false), ["cache", "db", "worker"]);
    assert_eq!(
        services_to_start(&p, &["nope".to_string()], false)
            .unwrap_err()
            .to_string(),
        "no such service: nope"
    );
}

#[test]
fn cycles_are_named() {
    let mut p = project(STACK);
    p.services
        .get_mut("db")
        .unwrap()
        .depends_on
        .insert("web".into(), Default::default());
    let e = start_order(&p).unwrap_err().to_string();
    assert_eq!(e, "dependency cycle between services: api -> db -> web -> api");
    let mut p = project("services:\n  a:\n    image: x\n");
    p.services
        .get_mut("a")
        .unwrap()
        .depends_on
        .insert("a".into(), Default::default());
    assert_eq!(
        start_order(&p).unwrap_err().to_string(),
        "dependency cycle between services: a -> a"
    );
}

#[test]
fn optional_dependencies_on_disabled_services_are_ignored() {
    let p = project(
        "services:\n  a:\n    image: x\n    depends_on:\n      b: {condition: service_started, required: false}\n  b:\n    image: y\n    profiles: [extra]\n",
    );
    assert_eq!(start_order(&p).unwrap(), ["a"]);
}

#[test]
fn names_and_labels_as_docker_compose() {
    let p = project(STACK);
    let worker = &p.services["worker"];
    assert_eq!(replicas(worker), 3);
    assert_eq!(container_name("shop", "worker", worker, 2), "shop-worker-2");
    let named = project("services:\n  a:\n    image: x\n    container_name: fixed\n");
    assert_eq!(container_name("p", "a", &named.services["a"], 1), "fixed");
    assert_eq!(
        oneoff_container_name("shop", "web", "0123456789abcdef"),
        "shop-web-run-0123456789ab"
    );
    assert_eq!(network_name(&p, "default"), "shop_default");
    assert_eq!(volume_name(&p, "data"), "shop_data");
    let labels = container_labels(&p, "web", 1, false).unwrap();
    assert_eq!(labels[LABEL_PROJECT], "shop");
    assert_eq!(labels[LABEL_SERVICE], "web");
    assert_eq!(labels[LABEL_CONTAINER_NUMBER], "1");
    assert_eq!(labels[LABEL_ONEOFF], "False");
    assert_eq!(labels[LABEL_CONFIG_HASH], config_hash(&p.services["web"]));
    assert_eq!(labels[LABEL_WORKING_DIR], p.working_dir.display().to_string());
    assert_eq!(
        labels[LABEL_CONFIG_FILES],
        p.working_dir.join("compose.yaml").display().to_string()
    );
    assert_eq!(container_labels(&p, "web", 1, true).unwrap()[LABEL_ONEOFF], "True");
    assert_eq!(network_labels(&p, "default")[LABEL_NETWORK], "default");
    assert_eq!(volume_labels(&p, "data")[LABEL_VOLUME], "data");
}

/// The hash changes with what makes a different container, and only with that.
#[test]
fn config_hash_tracks_the_effective_config() {
    let base = "services:\n  a:\n    image: x\n    environment: {A: \"1\", B: \"2\"}\n";
    let hash = |text: &str| config_hash(&project(text).services["a"]);
    let h = hash(base);
    assert_eq!(h.len(), 64);
    // Same effective config written differently: same hash.
    assert_eq!(hash("services:\n  a:\n    environment: [B=2, A=1]\n    image: x\n"), h);
    assert_eq!(
        hash("x-e: &e {A: \"1\"}\nservices:\n  a:\n    image: x\n    environment:\n      <<: *e\n      B: \"2\"\n"),
        h
    );
    assert_eq!(hash(&format!("{base}    scale: 3\n")), h);
    assert_eq!(hash(&format!("{base}    deploy: {{replicas: 3}}\n")), h);
    assert_eq!(hash(&format!("{base}    pull_policy: always\n")), h);
    // Different effective config: different hash.
    for change in [
        "    user: nobody\n",
        "    ports: [\"80\"]\n",
        "    command: [sh]\n",
        "    deploy: {resources: {limits: {memory: 1g}}}\n",
    ] {
        assert_ne!(hash(&format!("{base}{change}")), h, "{change}");
    }
    assert_ne!(
        hash("services:\n  a:\n    image: x\n    environment: {A: \"1\", B: \"3\"}\n"),
        h
    );
    // An env file's content is part of the effective environment.
    let d1 = Dir::new(&[
        ("compose.yaml", "services:\n  a:\n    image: x\n    env_file: e.env\n"),
        ("e.env", "K=1\n"),
    ]);
    let d2 = Dir::new(&[
        ("compose.yaml", "services:\n  a:\n    image: x\n    env_file: e.env\n"),
        ("e.env", "K=2\n"),
    ]);
    let h1 = config_hash(&d1.load().unwrap().project.services["a"]);
    let h2 = config_hash(&d2.load().unwrap().project.services["a"]);
    assert_ne!(h1, h2);
}
