import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { DataType, StatusCodes, Variant, VariantArrayType } from 'node-opcua';
import { mapBrowsedPaths } from '../../../src-main/adapters/opcua/client/browse-tags.js';
import { plainValue, qualityOf, toVariant } from '../../../src-main/adapters/opcua/client/values.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe('OPC UA value conversion', () => {
  it('turns variants into plain values, 64-bit integers into numbers', () => {
    assert.equal(plainValue(new Variant({ dataType: DataType.Double, value: 1.5 })), 1.5);
    assert.equal(plainValue(new Variant({ dataType: DataType.Boolean, value: true })), true);
    assert.equal(plainValue(new Variant({ dataType: DataType.Int64, arrayType: VariantArrayType.Scalar, value: [1, 5] })), 4294967301);
    assert.equal(plainValue(new Variant({ dataType: DataType.Int64, arrayType: VariantArrayType.Scalar, value: [0xffffffff, 0xfffffffe] })), -2);
    assert.equal(plainValue(new Variant({ dataType: DataType.LocalizedText, value: { text: 'hi' } })), 'hi');
    assert.equal(plainValue(null), null);
  });

  it('maps status codes to good, uncertain and bad', () => {
    assert.equal(qualityOf(StatusCodes.Good), 'good');
    assert.equal(qualityOf(StatusCodes.UncertainLastUsableValue), 'uncertain');
    assert.equal(qualityOf(StatusCodes.BadNodeIdUnknown), 'bad');
  });

  it('coerces written values to the node type or names why not', () => {
    assert.equal((toVariant(DataType.Int16, 12) as Variant).value, 12);
    assert.equal(toVariant(DataType.Int16, 40000), 'BadOutOfRange');
    assert.equal(toVariant(DataType.UInt32, -1), 'BadOutOfRange');
    assert.equal(toVariant(DataType.Int32, 1.5), 'BadTypeMismatch');
    assert.equal((toVariant(DataType.Double, '2.5') as Variant).value, 2.5);
    assert.equal(toVariant(DataType.Double, ''), 'BadTypeMismatch');
    assert.equal((toVariant(DataType.Boolean, 'true') as Variant).value, true);
    assert.equal(toVariant(DataType.Boolean, 'yes'), 'BadTypeMismatch');
    assert.equal((toVariant(DataType.String, 5) as Variant).value, '5');
    assert.equal(plainValue(toVariant(DataType.Int64, -2) as Variant), -2);
  });
});

describe('browse path mapping', () => {
  it('maps four levels to site/area/asset/name, joins deeper levels into the name and skips shallow ones', () => {
    const tags = mapBrowsedPaths(
      [
        { nodeId: 'ns=1;i=1', path: ['S', 'A', 'P', 'Flow'] },
        { nodeId: 'ns=1;i=2', path: ['S', 'A', 'P', 'Motor', 'Temp'] },
        { nodeId: 'ns=1;i=3', path: ['S', 'A', 'Loose'] },
        { nodeId: 'ns=1;i=4', path: ['S', 'A', 'P', 'Flow rate/h'] },
      ],
      silent,
      'src',
    );
    assert.deepEqual(
      tags.map((t) => [t.site, t.area, t.asset, t.name]),
      [
        ['S', 'A', 'P', 'Flow'],
        ['S', 'A', 'P', 'Motor.Temp'],
        ['S', 'A', 'P', 'Flow_rate_h'],
      ],
    );
  });
});
