import type { Entity } from "@subql/types-core";

type Saved = Entity & { readonly _name: string };
type EntityClass<T extends Saved> = { prototype: T; create(record: never): T };

/** The store's name of an entity type (its generated `_name` getter; the bundle minifies class names). */
const nameOf = (type: { prototype: Saved }): string => type.prototype._name;

/**
 * The state one block's handlers read and write. Reads are answered from the block's own writes first, then
 * from SubQuery's store (each id looked up once per block); writes stay here until `flush`, which hands each entity type to the store in one bulkCreate. Every
 * handler of the block runs against one working set, so an entity read twice in a block costs one lookup and
 * an entity written twice costs one store write.
 */
export class WorkingSet {
  /** entity name -> id -> the entity (undefined: known not to exist). */
  private readonly known = new Map<string, Map<string, Saved | undefined>>();
  /** entity name -> id -> the entity to write. */
  private readonly dirty = new Map<string, Map<string, Saved>>();

  async get<T extends Saved>(type: EntityClass<T>, id: string): Promise<T | undefined> {
    const known = this.knownOf(nameOf(type));
    if (known.has(id)) return known.get(id) as T | undefined;
    const record = await store.get(nameOf(type), id);
    const entity = record ? type.create(record as never) : undefined;
    known.set(id, entity);
    return entity;
  }

  /** Only this block's writes: for entities that exist only in the block that wrote them (a request and its outcome share a transaction). */
  local<T extends Saved>(type: EntityClass<T>, id: string): T | undefined {
    return this.knownOf(nameOf(type)).get(id) as T | undefined;
  }

  /**
   * Loads the entities with these ids that the working set does not know yet, each id once. One store.get per id,
   * not getByFields(id in [...]): the store matches an `in` filter against every cached entity by walking the
   * sandbox's id array through vm2, which costs far more than a get answered from the store's cache.
   */
  async prefetch<T extends Saved>(type: EntityClass<T>, ids: Iterable<string>): Promise<void> {
    for (const id of new Set(ids)) await this.get(type, id);
  }

  save(entity: Saved): void {
    const name = entity._name;
    this.knownOf(name).set(entity.id, entity);
    let dirty = this.dirty.get(name);
    if (!dirty) this.dirty.set(name, (dirty = new Map<string, Saved>()));
    dirty.set(entity.id, entity);
  }

  /** Hands the pending writes (of one entity type, or all) to the store, so store queries see them. */
  async flush(type?: { prototype: Saved }): Promise<void> {
    const names = type ? [nameOf(type)] : [...this.dirty.keys()];
    for (const name of names) {
      const dirty = this.dirty.get(name);
      if (!dirty || dirty.size === 0) continue;
      this.dirty.delete(name);
      await store.bulkCreate(name, [...dirty.values()]);
    }
  }

  private knownOf(name: string): Map<string, Saved | undefined> {
    let known = this.known.get(name);
    if (!known) this.known.set(name, (known = new Map<string, Saved | undefined>()));
    return known;
  }
}
