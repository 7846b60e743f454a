package io.quarkiverse.novasession.deployment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jboss.jandex.DotName;
import org.jboss.logging.Logger;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

import io.quarkiverse.novasession.NovaSession;
import io.quarkiverse.novasession.ReactiveNovaSession;
import io.quarkus.deployment.util.IoUtil;

/**
 * Finds the types an application keeps in its session, in the bytecode of the classes that use the session API:
 * <ul>
 * <li>the class literal given to {@code get(key, Type.class)}, of {@link NovaSession} or
 * {@link ReactiveNovaSession}, wherever it comes from within the calling method (a local, a conditional);</li>
 * <li>the static type of the value given to {@code set(key, value)}, when it is more than {@code Object};</li>
 * <li>when a {@code get} call's type is not a literal of its method (a {@code Class} from a lookup table, a
 * parameter), every class literal of the calling class: a table of types such as
 * {@code Map.of("cart", Cart.class)} is in that class. A call whose class has no literal is reported.</li>
 * </ul>
 * JDK types (java.*) are left out: Jackson reads them without reflection.
 */
final class SessionValueScanner {

    private static final Logger LOG = Logger.getLogger(SessionValueScanner.class);

    static final List<DotName> SESSION_APIS = List.of(DotName.createSimple(NovaSession.class),
            DotName.createSimple(ReactiveNovaSession.class));
    private static final Set<String> SESSION_API_INTERNAL_NAMES = Set.of(
            Type.getInternalName(NovaSession.class), Type.getInternalName(ReactiveNovaSession.class));
    /** {@code get(String key, Class<T> type)}: the type is on top of the stack */
    private static final String GET_DESCRIPTOR_PREFIX = "(Ljava/lang/String;Ljava/lang/Class;)";
    /** {@code set(String key, Object value)}: the value is on top of the stack */
    private static final String SET_DESCRIPTOR_PREFIX = "(Ljava/lang/String;Ljava/lang/Object;)";
    private static final String API_PACKAGE = NovaSession.class.getPackageName() + ".";
    private static final String RUNTIME_PACKAGE = API_PACKAGE + "runtime.";

    private final ClassLoader classLoader;
    /** value type name to the call sites it was found at */
    private final Map<String, Set<String>> valueTypes = new TreeMap<>();
    private final Set<String> unknownTypeCallSites = new LinkedHashSet<>();

    SessionValueScanner(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    static boolean isExtensionClass(String className) {
        return className.startsWith(RUNTIME_PACKAGE)
                || (className.startsWith(API_PACKAGE) && className.indexOf('.', API_PACKAGE.length()) < 0);
    }

    Map<String, Set<String>> valueTypes() {
        return valueTypes;
    }

    Set<String> unknownTypeCallSites() {
        return unknownTypeCallSites;
    }

    void scan(String className) {
        byte[] bytes;
        try {
            bytes = IoUtil.readClassAsBytes(classLoader, className);
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "Nova Session: cannot read the bytecode of %s, its session values are not registered",
                    className);
            return;
        }
        if (bytes == null) {
            return;
        }
        ClassNode node = new ClassNode();
        new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
        List<String> unresolvedHere = new ArrayList<>();
        for (MethodNode method : node.methods) {
            if (method.instructions.size() == 0 || !callsSessionApi(method)) {
                continue;
            }
            scanMethod(node, method, unresolvedHere);
        }
        if (!unresolvedHere.isEmpty()) {
            Set<Type> literals = classLiterals(node);
            literals.remove(Type.getObjectType(node.name));
            boolean any = false;
            for (Type literal : literals) {
                any |= addValueType(literal, String.join(", ", unresolvedHere) + " (a class literal of "
                        + Type.getObjectType(node.name).getClassName() + ")");
            }
            if (!any) {
                unknownTypeCallSites.addAll(unresolvedHere);
            }
        }
    }

    private static boolean callsSessionApi(MethodNode method) {
        for (AbstractInsnNode insn : method.instructions) {
            if (isGet(insn) || isSet(insn)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isGet(AbstractInsnNode insn) {
        return isSessionCall(insn, "get", GET_DESCRIPTOR_PREFIX);
    }

    private static boolean isSet(AbstractInsnNode insn) {
        return isSessionCall(insn, "set", SET_DESCRIPTOR_PREFIX);
    }

    private static boolean isSessionCall(AbstractInsnNode insn, String name, String descriptorPrefix) {
        return insn instanceof MethodInsnNode call && SESSION_API_INTERNAL_NAMES.contains(call.owner)
                && call.name.equals(name) && call.desc.startsWith(descriptorPrefix);
    }

    private void scanMethod(ClassNode owner, MethodNode method, List<String> unresolved) {
        String site = Type.getObjectType(owner.name).getClassName() + "#" + method.name;
        Frame<BasicValue>[] frames;
        try {
            frames = new Analyzer<>(new TypeTrackingInterpreter()).analyze(owner.name, method);
        } catch (AnalyzerException | RuntimeException e) {
            LOG.debugf(e, "Nova Session: cannot follow the values of %s", site);
            unresolved.add(site);
            return;
        }
        AbstractInsnNode[] insns = method.instructions.toArray();
        for (int i = 0; i < insns.length; i++) {
            Frame<BasicValue> frame = frames[i];
            if (frame == null) {
                continue; // unreachable code
            }
            if (isGet(insns[i])) {
                BasicValue type = frame.getStack(frame.getStackSize() - 1);
                if (type instanceof ClassLiterals literals) {
                    for (Type literal : literals.types) {
                        addValueType(literal, site);
                    }
                } else {
                    unresolved.add(site);
                }
            } else if (isSet(insns[i])) {
                BasicValue value = frame.getStack(frame.getStackSize() - 1);
                if (value != null && value.getType() != null) {
                    addValueType(value.getType(), site);
                }
            }
        }
    }

    private boolean addValueType(Type type, String site) {
        Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
        if (element.getSort() != Type.OBJECT) {
            return false;
        }
        String name = element.getClassName();
        if (name.startsWith("java.") || isExtensionClass(name)) {
            return false;
        }
        valueTypes.computeIfAbsent(name, n -> new TreeSet<>()).add(site);
        return true;
    }

    private static Set<Type> classLiterals(ClassNode node) {
        Set<Type> literals = new LinkedHashSet<>();
        for (MethodNode method : node.methods) {
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof Type type
                        && (type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY)) {
                    literals.add(type);
                }
            }
        }
        return literals;
    }
}

/**
 * A {@code Class} value known to be one of a few class literals.
 */
final class ClassLiterals extends BasicValue {

    private static final Type CLASS = Type.getObjectType("java/lang/Class");
    static final int MAX = 16;

    final Set<Type> types;

    ClassLiterals(Set<Type> types) {
        super(CLASS);
        this.types = Set.copyOf(types);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClassLiterals literals && literals.types.equals(types);
    }

    @Override
    public int hashCode() {
        return Objects.hash(CLASS, types);
    }
}

/**
 * {@link BasicInterpreter} that keeps the static type of every reference (what a verifier knows, without loading
 * classes) and the class literals a {@code Class} value may be. Where two paths disagree the value becomes a plain
 * {@code Object}: unknown.
 */
final class TypeTrackingInterpreter extends BasicInterpreter {

    TypeTrackingInterpreter() {
        super(Opcodes.ASM9);
    }

    @Override
    public BasicValue newValue(Type type) {
        if (type != null && (type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY)) {
            return new BasicValue(type);
        }
        return super.newValue(type);
    }

    @Override
    public BasicValue newOperation(AbstractInsnNode insn) throws AnalyzerException {
        if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof Type type
                && (type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY)) {
            return new ClassLiterals(Set.of(type));
        }
        if (insn.getOpcode() == ACONST_NULL) {
            return BasicValue.REFERENCE_VALUE;
        }
        return super.newOperation(insn);
    }

    @Override
    public BasicValue merge(BasicValue value1, BasicValue value2) {
        if (value1.equals(value2) && value2.equals(value1)) {
            return value1;
        }
        if (value1 instanceof ClassLiterals first && value2 instanceof ClassLiterals second) {
            Set<Type> union = new LinkedHashSet<>(first.types);
            union.addAll(second.types);
            return union.size() <= ClassLiterals.MAX ? new ClassLiterals(union) : BasicValue.REFERENCE_VALUE;
        }
        if (value1.isReference() && value2.isReference()) {
            return BasicValue.REFERENCE_VALUE;
        }
        return super.merge(value1, value2);
    }
}
