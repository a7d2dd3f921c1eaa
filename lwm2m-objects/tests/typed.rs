//! Typed instance structs of the core objects and their conversions.

use lwm2m_objects::{ConvertError, device, lwm2m_server};
use lwm2m_types::{Bytes, DataType, ObjectInstance, ObjectLink, Resource, Value};

fn full_device() -> device::Device {
    device::Device {
        manufacturer: Some("ACME & Co".into()),
        model_number: Some("M-1".into()),
        serial_number: None,
        firmware_version: Some("1.0.3".into()),
        available_power_sources: vec![(0, 1), (1, 5)],
        power_source_voltage: vec![(0, 3800), (1, 5000)],
        power_source_current: vec![(0, 125), (1, 900)],
        battery_level: Some(100),
        memory_free: Some(15),
        error_code: vec![(0, 0)],
        current_time: Some(1_367_491_215),
        utc_offset: Some("+02:00".into()),
        timezone: None,
        supported_binding_and_modes: "U".into(),
        device_type: None,
        hardware_version: None,
        software_version: None,
        battery_status: Some(0),
        memory_total: Some(64),
        extdevinfo: vec![(0, ObjectLink::new(10, 0))],
    }
}

#[test]
fn device_to_instance_and_back() {
    let dev = full_device();
    let inst = dev.to_instance(0);
    assert_eq!(inst.id, 0);
    assert_eq!(
        inst.resources
            .get(device::CURRENT_TIME)
            .and_then(Resource::value),
        Some(&Value::Time(1_367_491_215))
    );
    assert_eq!(
        inst.resources
            .get(device::MANUFACTURER)
            .and_then(Resource::value),
        Some(&Value::from("ACME & Co"))
    );
    assert!(inst.resources.get(device::SERIAL_NUMBER).is_none());
    assert!(
        inst.resources.get(device::REBOOT).is_none(),
        "executable resources carry no value"
    );
    assert_eq!(
        inst.resources
            .get(device::POWER_SOURCE_VOLTAGE)
            .and_then(Resource::instances)
            .map(|i| i.len()),
        Some(2)
    );
    let back = device::Device::from_instance(&inst).unwrap();
    assert_eq!(back, dev);
    assert_eq!(device::Device::try_from(&inst), Ok(dev));
}

#[test]
fn missing_mandatory_resources() {
    let err = device::Device::from_instance(&ObjectInstance::new(2)).unwrap_err();
    assert_eq!(
        err,
        ConvertError::Missing {
            object: 3,
            instance: 2,
            resource: device::ERROR_CODE
        }
    );
    assert_eq!(err.to_string(), "/3/2/11: mandatory resource is missing");
    let only_errors =
        ObjectInstance::new(0).with(Resource::multiple(device::ERROR_CODE, [(0, 0i64)]));
    assert_eq!(
        device::Device::from_instance(&only_errors),
        Err(ConvertError::Missing {
            object: 3,
            instance: 0,
            resource: device::SUPPORTED_BINDING_AND_MODES
        })
    );
}

#[test]
fn wrong_types_and_multiplicity() {
    let base = full_device().to_instance(0);
    let bad = base
        .clone()
        .with(Resource::single(device::BATTERY_LEVEL, "full"));
    assert_eq!(
        device::Device::from_instance(&bad),
        Err(ConvertError::WrongType {
            object: 3,
            instance: 0,
            resource: 9,
            expected: DataType::Integer
        })
    );
    let bad = base
        .clone()
        .with(Resource::single(device::ERROR_CODE, 0i64));
    assert_eq!(
        device::Device::from_instance(&bad),
        Err(ConvertError::Multiplicity {
            object: 3,
            instance: 0,
            resource: 11,
            multiple: true
        })
    );
    let bad = base
        .clone()
        .with(Resource::multiple(device::MANUFACTURER, [(0, "x")]));
    assert_eq!(
        device::Device::from_instance(&bad),
        Err(ConvertError::Multiplicity {
            object: 3,
            instance: 0,
            resource: 0,
            multiple: false
        })
    );
    let bad = base.clone().with(Resource::multiple(
        device::EXTDEVINFO,
        [(0, Value::Opaque(Bytes::from_static(b"x")))],
    ));
    assert!(matches!(
        device::Device::from_instance(&bad),
        Err(ConvertError::WrongType { resource: 22, .. })
    ));
    // A non-negative unsigned integer is accepted for an Integer resource (peers differ).
    let ok = base.with(Resource::single(
        device::BATTERY_LEVEL,
        Value::UnsignedInteger(50),
    ));
    assert_eq!(
        device::Device::from_instance(&ok).unwrap().battery_level,
        Some(50)
    );
}

#[test]
fn server_object() {
    let inst = ObjectInstance::new(1)
        .with(Resource::single(lwm2m_server::SHORT_SERVER_ID, 101i64))
        .with(Resource::single(lwm2m_server::LIFETIME, 86400i64))
        .with(Resource::single(
            lwm2m_server::NOTIFICATION_STORING_WHEN_DISABLED_OR_OFFLINE,
            true,
        ))
        .with(Resource::single(lwm2m_server::BINDING, "U"));
    let s = lwm2m_server::Lwm2mServer::from_instance(&inst).unwrap();
    assert_eq!(
        (s.short_server_id, s.lifetime, s.binding.as_str()),
        (101, 86400, "U")
    );
    assert_eq!(s.to_instance(1), inst);
}
