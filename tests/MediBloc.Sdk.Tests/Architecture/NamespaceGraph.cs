using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace MediBloc.Sdk.Tests.Architecture;

/// <summary>
/// Which namespace of an assembly uses which, read from its compiled metadata: base types, interfaces, field and
/// method signatures, attributes, and every type, method and field token in the method bodies (so an async state
/// machine or a lambda counts for the type that wrote it). Doc-comment references do not count: they are not code.
/// </summary>
internal sealed class NamespaceGraph
{
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    private readonly MetadataReader _reader;
    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

    private NamespaceGraph(MetadataReader reader) => _reader = reader;

    /// <summary>For each namespace, the other namespaces of the same assembly it uses, with one example each (type and target).</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> Edges => _edges;

    public static NamespaceGraph Of(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var graph = new NamespaceGraph(pe.GetMetadataReader());
        graph.Build(pe);
        return graph;
    }

    /// <summary>The namespaces that sit on a cycle, each cycle as one strongly connected set (Tarjan).</summary>
    public List<List<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<List<string>>();
        var counter = 0;
        void Visit(string v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in _edges.GetValueOrDefault(v)?.Keys ?? Enumerable.Empty<string>())
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }
            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                if (component.Count > 1)
                {
                    cycles.Add(component);
                }
            }
        }
        foreach (var v in _edges.Keys.ToList())
        {
            if (!index.ContainsKey(v))
            {
                Visit(v);
            }
        }
        return cycles;
    }

    private void Build(PEReader pe)
    {
        var signatures = new NamespaceCollector(this);
        foreach (var handle in _reader.TypeDefinitions)
        {
            var type = _reader.GetTypeDefinition(handle);
            var from = NamespaceOf(handle);
            var name = _reader.GetString(type.Name);
            var uses = new HashSet<string>(StringComparer.Ordinal);
            signatures.Target = uses;
            AddType(type.BaseType, uses);
            foreach (var i in type.GetInterfaceImplementations())
            {
                AddType(_reader.GetInterfaceImplementation(i).Interface, uses);
            }
            foreach (var f in type.GetFields())
            {
                _reader.GetFieldDefinition(f).DecodeSignature(signatures, null);
            }
            foreach (var m in type.GetMethods())
            {
                var method = _reader.GetMethodDefinition(m);
                method.DecodeSignature(signatures, null);
                if (method.RelativeVirtualAddress != 0)
                {
                    ScanBody(pe.GetMethodBody(method.RelativeVirtualAddress), uses);
                }
            }
            foreach (var to in uses.Where(u => u.Length > 0 && u != from))
            {
                if (!_edges.TryGetValue(from, out var targets))
                {
                    _edges[from] = targets = new(StringComparer.Ordinal);
                }
                targets.TryAdd(to, name);
            }
        }
    }

    private void ScanBody(MethodBodyBlock body, HashSet<string> uses)
    {
        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            short code = il.ReadByte();
            if (code == 0xFE)
            {
                code = unchecked((short)(0xFE00 | il.ReadByte()));
            }
            switch (Operands[code])
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: il.ReadByte(); break;
                case OperandType.InlineVar: il.ReadInt16(); break;
                case OperandType.InlineI8 or OperandType.InlineR: il.ReadInt64(); break;
                case OperandType.InlineSwitch: il.Offset += 4 * il.ReadInt32(); break;
                case OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok:
                    AddToken(MetadataTokens.EntityHandle(il.ReadInt32()), uses);
                    break;
                default: il.ReadInt32(); break;
            }
        }
    }

    private void AddToken(EntityHandle handle, HashSet<string> uses)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeDefinition or HandleKind.TypeSpecification or HandleKind.TypeReference:
                AddType(handle, uses);
                break;
            case HandleKind.MethodDefinition:
                uses.Add(NamespaceOf(_reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType()));
                break;
            case HandleKind.FieldDefinition:
                uses.Add(NamespaceOf(_reader.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()));
                break;
            case HandleKind.MemberReference:
                AddType(_reader.GetMemberReference((MemberReferenceHandle)handle).Parent, uses);
                break;
            case HandleKind.MethodSpecification:
                var spec = _reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                AddToken(spec.Method, uses);
                spec.DecodeSignature(new NamespaceCollector(this) { Target = uses }, null); // collects as it decodes
                break;
        }
    }

    private void AddType(EntityHandle handle, HashSet<string> uses)
    {
        if (handle.IsNil)
        {
            return;
        }
        if (handle.Kind == HandleKind.TypeDefinition)
        {
            uses.Add(NamespaceOf((TypeDefinitionHandle)handle));
        }
        else if (handle.Kind == HandleKind.TypeSpecification)
        {
            _reader.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(new NamespaceCollector(this) { Target = uses }, null);
        }
    }

    /// <summary>The namespace of a type defined here; a nested type (a state machine, a closure) counts as its outermost type's.</summary>
    internal string NamespaceOf(TypeDefinitionHandle handle)
    {
        var type = _reader.GetTypeDefinition(handle);
        while (type.IsNested)
        {
            type = _reader.GetTypeDefinition(type.GetDeclaringType());
        }
        return _reader.GetString(type.Namespace);
    }

    /// <summary>Decodes signatures, adding the namespace of every type defined in this assembly that they name.</summary>
    private sealed class NamespaceCollector(NamespaceGraph graph) : ISignatureTypeProvider<string, object?>
    {
        public HashSet<string> Target { get; set; } = [];

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            Target.Add(graph.NamespaceOf(handle));
            return string.Empty;
        }

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => string.Empty;

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public string GetSZArrayType(string elementType) => string.Empty;

        public string GetArrayType(string elementType, ArrayShape shape) => string.Empty;

        public string GetByReferenceType(string elementType) => string.Empty;

        public string GetPointerType(string elementType) => string.Empty;

        public string GetPinnedType(string elementType) => string.Empty;

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => string.Empty;

        public string GetGenericMethodParameter(object? genericContext, int index) => string.Empty;

        public string GetGenericTypeParameter(object? genericContext, int index) => string.Empty;

        public string GetFunctionPointerType(MethodSignature<string> signature) => string.Empty;

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => string.Empty;

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => string.Empty;
    }
}
